// "Run the sample": the whole team-selling flow (DESIGN.md §1–4), one step at a time, through the same
// composer requests and the same card buttons a person uses, switching to whoever acts next.
import { sleep, until } from './dom.js';

/**
 * Long enough to read what happened; Slack also posts at most ~1 message a second per channel.
 * `?pace=fast` (the browser test) keeps only the waits for the bot's answers.
 */
const FAST = new URLSearchParams(location.search).get('pace') === 'fast';
const STEP_DELAY_MS = FAST ? 100 : 1_200;
const SWITCH_DELAY_MS = FAST ? 100 : 700;

function steps(platform) {
  const cmd = (text) => (platform === 'slack' ? `/deal ${text}` : `@Dealroom ${text}`);
  return [
    { who: 'sam', text: cmd('new Acme expansion'), what: 'Sam (SDR) opens a deal for this room.' },
    { who: 'sam', text: cmd('stage qualify'), what: 'Sam qualifies the lead.' },
    {
      who: 'priya',
      text: cmd('research industry Retail is consolidating in EMEA'),
      what: 'Priya (analyst) tries to log research: too early, the bot says why.',
    },
    { who: 'sam', text: cmd('stage next'), what: 'Sam moves the deal past Qualify, to Research.' },
    {
      who: 'priya',
      text: cmd('research industry Retail is consolidating in EMEA'),
      what: 'Now Priya’s finding is recorded.',
    },
    {
      who: 'sam',
      text: cmd('loop-in @Maya marketing content for the CFO'),
      what: 'Sam loops in Maya (marketing).',
    },
    {
      who: 'sam',
      text: cmd('tag @Maya @Priya can you prepare a one-pager for the CFO?'),
      what: 'Sam tags Maya and Priya: each gets an inbox item.',
    },
    { who: 'maya', text: cmd('inbox'), what: 'Maya opens her inbox.' },
    { who: 'maya', click: 'inbox.done', what: 'Maya marks the tag done.' },
    {
      who: 'sam',
      text: cmd('escalate @Alex budget confirmed, wants a demo next week'),
      what: 'Sam escalates the qualified lead to Alex (account manager).',
    },
    {
      who: 'alex',
      click: 'handoff.accept',
      what: 'Alex accepts the handoff on the card: Alex now owns the deal.',
    },
    { who: 'alex', text: cmd('timeline'), what: 'The timeline shows the whole story, newest first.' },
  ];
}

/** A one-time link code as `share` prints it (16 Crockford base32 characters in 4 groups). */
const LINK_CODE = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g;

/**
 * One deal on both platforms (issue #9): Sam opens it in Slack and shares it, Alex links the Teams
 * channel of the same room with the one-time code, and then both sides work the one deal. Each step
 * says on which platform it happens; `keep` reads something from the answer for later steps.
 */
function sharedSteps() {
  return [
    {
      platform: 'slack',
      who: 'sam',
      text: '/deal new Acme expansion',
      what: 'Sam (SDR) opens the deal in the Slack channel.',
    },
    {
      platform: 'slack',
      who: 'sam',
      text: '/deal share',
      keep: 'code',
      what: 'Sam asks for a one-time link code for the deal: only Sam sees it.',
    },
    {
      platform: 'teams',
      who: 'alex',
      text: (kept) => `@Dealroom link ${kept.code}`,
      what: 'Alex (account manager, on Teams) links the Teams channel to the same deal with the code.',
    },
    {
      platform: 'slack',
      who: 'sam',
      text: '/deal stage qualify',
      what: 'Sam qualifies the lead in Slack: the Teams channel hears it too.',
    },
    {
      platform: 'teams',
      who: 'alex',
      text: '@Dealroom stage next',
      what: 'Alex moves the deal on to Research from Teams: the Slack channel hears it too.',
    },
    {
      platform: 'teams',
      who: 'priya',
      text: '@Dealroom research industry Retail is consolidating in EMEA',
      what: 'Priya (analyst) logs research in Teams; it is on the one timeline.',
    },
    {
      platform: 'slack',
      who: 'sam',
      text: '/deal tag @"Alex" can you join the CFO call on Thursday?',
      what: 'Sam tags Alex by name from Slack: Alex works the deal in Teams, and is tagged there.',
    },
    {
      platform: 'slack',
      who: 'sam',
      text: '/deal escalate @"Alex" budget confirmed, wants a demo next week',
      what: 'Sam hands the qualified lead to Alex, on Teams, by name: the handoff card shows in both channels.',
    },
    {
      platform: 'teams',
      who: 'alex',
      click: 'handoff.accept',
      what: 'Alex accepts on the Teams card: every copy of it, in Teams and in Slack, shows that.',
    },
    {
      platform: 'slack',
      who: 'sam',
      text: '/deal timeline',
      what: 'The timeline, read in Slack, tells the whole story from both platforms.',
    },
  ];
}

/** The newest link code this persona sees in the Slack channel (the share reply is only theirs). */
function lastLinkCode() {
  const said = [...document.querySelectorAll('#slack-channel .msg.bot')].map((m) => m.textContent).join('\n');
  return [...said.matchAll(LINK_CODE)].at(-1)?.[0];
}

const botMessages = (platform) => document.querySelectorAll(`#${platform}-pane .msg.bot`).length;

const paneText = (platform) => document.getElementById(`${platform}-pane`).textContent;

/** The newest button for `id` (Slack action_id / Teams verb) the persona sees: in the room, else in a DM. */
function button(platform, id) {
  const attr = platform === 'slack' ? 'data-action-id' : 'data-verb';
  const newest = (where) =>
    [...document.querySelectorAll(`#${platform}-${where} [${attr}="${id}"]`)]
      .filter((b) => !b.disabled)
      .at(-1);
  return newest('channel') ?? newest('dm');
}

/** `sample` is a platform (`slack`, `teams`) or `both`: one deal with a room on each. */
export async function runSample(sample, app) {
  if (app.roomInUse() && !(await app.newRoom())) throw new Error('no fresh deal room could be opened.');
  const list = sample === 'both' ? sharedSteps() : steps(sample);
  const kept = {};
  for (const [i, step] of list.entries()) {
    const platform = step.platform ?? sample;
    const name = platform === 'slack' ? 'Slack' : 'Teams';
    app.narrate(`Step ${i + 1} of ${list.length} (${name}): ${step.what}`);
    await app.setPersona(step.who);
    await sleep(SWITCH_DELAY_MS);
    const before = botMessages(platform);
    const shown = paneText(platform);
    if (step.click) {
      const target = await until(
        () => button(platform, step.click),
        `the ${step.click} button did not appear in ${name}.`,
      );
      target.scrollIntoView({ block: 'center' });
      target.click();
    } else {
      await app.send(platform, typeof step.text === 'function' ? step.text(kept) : step.text);
    }
    // Wait for the bot's answer: a new message, or for a click the card it changed in place.
    const answered = () => botMessages(platform) > before || (step.click && paneText(platform) !== shown);
    await until(answered, 'no answer', 10_000).catch(() => undefined);
    if (step.keep === 'code') kept.code = await until(lastLinkCode, 'no link code appeared in Slack.');
    await sleep(STEP_DELAY_MS);
  }
  app.narrate('The sample is done. Switch persona to see what each person sees, or type your own commands.');
}
