// The playground in a real browser: Debian's Chromium, headless, driven by playwright-core (never a
// downloaded browser). A deal goes from new to an accepted handoff by clicking the rendered cards,
// on Teams (Adaptive Cards renderer) and on Slack (our Block Kit rendering), while a second tab, as
// the SDR, watches its own view update. Assertions are on the DOM; the screenshot is for people.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startPlaygroundService } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
/** Generous for a loaded CI machine, far below the test's own timeout. */
const WAIT = { timeout: 20_000 };

describe('the playground in headless Chromium', () => {
  let pg: Running;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    pg = await startPlaygroundService();
    profile = mkdtempSync(join(tmpdir(), 'dealroom-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1500, height: 1100 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    browser.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
    browser.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await pg?.close();
  });

  const open = async (p: Page, persona: string, room = 1) => {
    await p.goto(`${pg.service.url}/?persona=${persona}&room=${room}`);
    await p.locator('body[data-ready]').waitFor(WAIT);
  };
  const say = async (p: Page, platform: 'slack' | 'teams', text: string) => {
    const input = p.locator(`#${platform}-composer input[name=text]`);
    await input.fill(text);
    await input.press('Enter');
    // The composer clears once the request went out.
    await expect.poll(() => input.inputValue(), WAIT).toBe('');
  };
  const teamsCard = (p: Page, text: string) =>
    p.locator('#teams-channel .ac-holder', { hasText: text }).last();
  const slackMessage = (p: Page, text: string | RegExp) =>
    p.locator('#slack-channel .msg.bot', { hasText: text }).last();

  it('walks a deal to an accepted handoff by clicking the cards, on Teams and on Slack', {
    timeout: 120_000,
  }, async () => {
    await open(page, 'sam');
    // The Teams welcome card (the install event) is rendered by the Adaptive Cards renderer.
    await teamsCard(page, 'Dealroom is here').waitFor(WAIT);

    // Teams: Sam creates the deal, qualifies it and escalates it to Alex.
    await say(page, 'teams', '@Dealroom new Globex renewal');
    await teamsCard(page, 'Globex renewal').waitFor(WAIT);
    await say(page, 'teams', '@Dealroom stage qualify');
    await teamsCard(page, 'from Prospect to Qualify').waitFor(WAIT);
    await say(page, 'teams', '@Dealroom escalate @Alex champion is the CFO');
    await page.locator('#teams-channel [data-verb="handoff.accept"]').waitFor(WAIT);
    // Sam's message shows Alex as a mention.
    await expect
      .poll(() => page.locator('#teams-channel .msg.person .mention', { hasText: '@Alex' }).count(), WAIT)
      .toBeGreaterThan(0);

    // A second tab stays Sam's, to see the room change without reloading.
    const watcher = await browser.newPage();
    await open(watcher, 'sam');
    await watcher.locator('#teams-channel [data-verb="handoff.accept"]').waitFor(WAIT);

    // Alex accepts on the card in the channel (the renderer's button, an Action.Execute).
    await page.selectOption('#persona', 'alex');
    const accept = page.locator('#teams-channel [data-verb="handoff.accept"]');
    await accept.waitFor(WAIT);
    expect(await accept.count()).toBe(1);
    expect((await accept.textContent())?.trim()).toBe('Accept');
    await accept.click();
    await teamsCard(page, 'Accepted by Alex').waitFor(WAIT);
    await teamsCard(page, 'Alex accepted the handoff of "Globex renewal"').waitFor(WAIT);
    expect(await page.locator('#teams-channel [data-verb="handoff.accept"]').count()).toBe(0);
    // Alex's 1:1 chat got the card too, and it was updated in place.
    await teamsCard(page, 'champion is the CFO').waitFor(WAIT);
    await page.locator('#teams-dm .ac-holder', { hasText: 'Accepted by Alex' }).waitFor(WAIT);

    await say(page, 'teams', '@Dealroom timeline');
    const timeline = teamsCard(page, 'Timeline — Globex renewal');
    await timeline.waitFor(WAIT);
    expect(await timeline.textContent()).toContain('Alex accepted the handoff; Alex now owns the deal.');

    // Sam's tab saw the acceptance arrive.
    await watcher.locator('#teams-channel .ac-holder', { hasText: 'Accepted by Alex' }).first().waitFor(WAIT);
    expect(await watcher.locator('#teams-channel [data-verb="handoff.accept"]').count()).toBe(0);

    // Slack, same room: Sam again, with /deal.
    await page.selectOption('#persona', 'sam');
    await say(page, 'slack', '/deal new Acme expansion');
    await slackMessage(page, 'Acme expansion').waitFor(WAIT);
    await say(page, 'slack', '/deal stage qualify');
    await say(page, 'slack', '/deal escalate @Alex budget confirmed, wants a demo');
    await page.locator('#slack-channel [data-action-id="handoff.accept"]').waitFor(WAIT);
    const handoff = slackMessage(page, 'budget confirmed');
    expect(await handoff.locator('.mention', { hasText: '@Alex' }).count()).toBe(1);

    await page.selectOption('#persona', 'alex');
    await page.locator('#slack-channel [data-action-id="handoff.accept"]').click(WAIT);
    await slackMessage(page, /Accepted by alex/i).waitFor(WAIT);
    await expect
      .poll(() => page.locator('#slack-channel [data-action-id="handoff.accept"]').count(), WAIT)
      .toBe(0);
    await watcher.locator('#slack-channel .msg.bot', { hasText: /Accepted by alex/i }).waitFor(WAIT);

    await say(page, 'slack', '/deal timeline');
    const slackTimeline = page.locator('#slack-channel .msg.private', {
      hasText: 'Timeline — Acme expansion',
    });
    await slackTimeline.waitFor(WAIT);
    expect(await slackTimeline.textContent()).toMatch(/alex accepted the handoff; alex now owns the deal/i);
    expect(await slackTimeline.textContent()).toContain('Only visible to you');
    // Sam does not see Alex's ephemeral timeline.
    await watcher.waitForTimeout(1_000);
    expect(await watcher.locator('#slack-channel', { hasText: 'Timeline — Acme expansion' }).count()).toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: true });
    await watcher.close();
    expect(problems).toEqual([]);
  });

  it('declines a Slack handoff with a reason in the modal, and says what is wrong', {
    timeout: 90_000,
  }, async () => {
    await open(page, 'sam');
    await page.click('#new-room');
    await expect.poll(() => page.locator('#slack-room-name').textContent(), WAIT).toBe('#deal-room-2');
    await say(page, 'slack', '/deal new Initech');
    await slackMessage(page, 'Initech').waitFor(WAIT);
    // Too early to escalate: the bot's own sentence, for Sam only.
    await say(page, 'slack', '/deal escalate @Jordan hot lead');
    await page.locator('#slack-channel .msg.private.bot', { hasText: /qualif/i }).waitFor(WAIT);
    await say(page, 'slack', '/deal stage qualify');
    await say(page, 'slack', '/deal escalate @Jordan hot lead');
    await page.locator('#slack-channel [data-action-id="handoff.decline"]').waitFor(WAIT);

    await page.selectOption('#persona', 'jordan');
    await page.locator('#slack-channel [data-action-id="handoff.decline"]').click(WAIT);
    const modal = page.locator('#slack-pane .modal');
    await modal.waitFor(WAIT);
    expect(await modal.locator('.modal-title').textContent()).toBe('Decline handoff');
    await modal.locator('button[type=submit]').click();
    await expect
      .poll(() => modal.locator('.modal-error').first().textContent(), WAIT)
      .toBe('Please fill out this field.');
    // Spaces pass Slack's own check; the bot's answer is shown on the form.
    await modal.locator('textarea').fill('   ');
    await modal.locator('button[type=submit]').click();
    await expect
      .poll(() => modal.locator('.modal-error').first().textContent(), WAIT)
      .toContain('give a reason');
    await modal.locator('textarea').fill('Not my territory');
    await modal.locator('button[type=submit]').click();
    await modal.waitFor({ state: 'detached', ...WAIT });
    await slackMessage(page, /Declined by jordan/i).waitFor(WAIT);
    await slackMessage(page, /jordan declined the handoff of "Initech": Not my territory/i).waitFor(WAIT);

    // A request the playground cannot carry out is a sentence in the pane.
    await say(page, 'slack', '/remind me');
    await expect
      .poll(() => page.locator('#slack-error').textContent(), WAIT)
      .toContain('one slash command, /deal');
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
  });

  it('runs the sample: the whole team-selling flow through the composer and the buttons', {
    timeout: 120_000,
  }, async () => {
    await page.goto(`${pg.service.url}/?persona=sam&room=1&pace=fast`);
    await page.locator('body[data-ready]').waitFor(WAIT);
    await page.selectOption('#sample-platform', 'slack');
    await page.click('#run-sample');
    // Room 1 is in use: the sample opens a fresh room for its deal.
    await expect
      .poll(() => page.locator('#narration').textContent(), { timeout: 90_000 })
      .toContain('The sample is done');
    expect(await page.locator('#slack-room-name').textContent()).not.toBe('#deal-room');
    expect(await page.locator('#persona').inputValue()).toBe('alex');
    const timeline = page
      .locator('#slack-channel .msg.private', { hasText: 'Timeline — Acme expansion' })
      .last();
    const story = (await timeline.textContent()) ?? '';
    for (const step of [
      /alex accepted the handoff/i,
      /sam handed the lead to alex: budget confirmed/i,
      /maya marked a tag done/i,
      /sam looped in maya as marketing/i,
      /priya logged industry and target market research: Retail is consolidating in EMEA/i,
      /moved the deal from Qualify to Research/i,
      /created the deal "Acme expansion"/i,
    ]) {
      expect(story).toMatch(step);
    }
    // Priya's first try was refused with a sentence only she saw.
    await page.selectOption('#persona', 'priya');
    await page
      .locator('#slack-channel .msg.private.bot', { hasText: 'Research opens after Qualify' })
      .waitFor(WAIT);
    await page.selectOption('#persona', 'sam');
    await slackMessage(page, /Accepted by alex/i).waitFor(WAIT);
    expect(await page.locator('#slack-channel', { hasText: 'Research opens after Qualify' }).count()).toBe(0);
    expect(await page.locator('#slack-error').isVisible()).toBe(false);
  });

  it('runs the shared sample: one deal with a Slack room and a Teams room, the same events on both panes', {
    timeout: 120_000,
  }, async () => {
    await page.goto(`${pg.service.url}/?persona=sam&room=1&pace=fast`);
    await page.locator('body[data-ready]').waitFor(WAIT);
    await page.selectOption('#sample-platform', 'both');
    await page.click('#run-sample');
    await expect
      .poll(() => page.locator('#narration').textContent(), { timeout: 90_000 })
      .toContain('The sample is done');
    expect(await page.locator('#persona').inputValue()).toBe('sam');

    // One deal: the id the Slack channel created is the one the Teams channel was linked to.
    const created = (await slackMessage(page, 'created deal').textContent()) ?? '';
    const dealId = /D-[0-9A-Z]{6}/.exec(created)?.[0] ?? 'no deal id';
    await teamsCard(page, `Alex linked this channel to deal ${dealId} "Acme expansion"`).waitFor(WAIT);
    await slackMessage(page, 'Alex linked a Teams channel to this deal').waitFor(WAIT);
    // The code was Sam's alone, and it was used: nobody else in the channel saw it.
    await page.locator('#slack-channel .msg.private.bot', { hasText: 'One-time link code' }).waitFor(WAIT);

    // Every event of the shared deal shows once in each pane, whichever side it happened on.
    const slackRoomMessages = (text: string) =>
      page.locator('#slack-channel .msg.bot:not(.private)', { hasText: text }).count();
    const teamsRoomCards = (text: string) =>
      page.locator('#teams-channel .ac-holder', { hasText: text }).count();
    for (const event of [
      'Sam moved the deal from Prospect to Qualify',
      'Alex moved the deal from Qualify to Research',
      'Priya logged industry and target market research: Retail is consolidating in EMEA',
      'Sam tagged Alex',
      'budget confirmed, wants a demo next week',
      'Alex accepted the handoff of "Acme expansion" from Sam',
    ]) {
      await expect.poll(() => slackRoomMessages(event), WAIT).toBe(1);
      await expect.poll(() => teamsRoomCards(event), WAIT).toBe(1);
    }
    // The handoff card, accepted on Teams, is updated in both channels: no Accept button left anywhere.
    await slackMessage(page, /Accepted by Alex/i).waitFor(WAIT);
    await teamsCard(page, 'Accepted by Alex').waitFor(WAIT);
    await expect.poll(() => page.locator('[data-action-id="handoff.accept"]').count(), WAIT).toBe(0);
    await expect
      .poll(() => page.locator('#teams-channel [data-verb="handoff.accept"]').count(), WAIT)
      .toBe(0);

    // The timeline read in Slack holds what was done in Teams.
    const timeline = page
      .locator('#slack-channel .msg.private', { hasText: 'Timeline — Acme expansion' })
      .last();
    const story = (await timeline.textContent()) ?? '';
    for (const step of [
      /alex accepted the handoff/i,
      /priya logged industry and target market research/i,
      /alex moved the deal from Qualify to Research/i,
      /alex linked/i,
      /created the deal "Acme expansion"/i,
    ]) {
      expect(story).toMatch(step);
    }
    // Alex, tagged by name from Slack, hears it in the Teams chat with Dealroom, not in a Slack DM.
    await page.selectOption('#persona', 'alex');
    await page.locator('#teams-dm .ac-holder', { hasText: 'Sam tagged you' }).waitFor(WAIT);
    expect(await page.locator('#slack-dm', { hasText: 'tagged you' }).count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-shared.png'), fullPage: true });
    expect(await page.locator('#slack-error').isVisible()).toBe(false);
    expect(await page.locator('#teams-error').isVisible()).toBe(false);
  });
});
