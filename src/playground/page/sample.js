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

export async function runSample(platform, app) {
  if (app.roomInUse() && !(await app.newRoom())) throw new Error('no fresh deal room could be opened.');
  const list = steps(platform);
  const name = platform === 'slack' ? 'Slack' : 'Teams';
  for (const [i, step] of list.entries()) {
    app.narrate(`Step ${i + 1} of ${list.length}: ${step.what}`);
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
      await app.send(platform, step.text);
    }
    // Wait for the bot's answer: a new message, or for a click the card it changed in place.
    const answered = () => botMessages(platform) > before || (step.click && paneText(platform) !== shown);
    await until(answered, 'no answer', 10_000).catch(() => undefined);
    await sleep(STEP_DELAY_MS);
  }
  app.narrate('The sample is done. Switch persona to see what each person sees, or type your own commands.');
}
