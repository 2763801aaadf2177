// The playground page: pick who you are and which deal room, type `/deal …` in Slack or
// `@Dealroom …` in Teams, click the cards' buttons. Everything goes through the playground API,
// which sends it to Dealroom the way Slack and Teams would; the page polls what the bot answered.
import { api } from './api.js';
import { renderModal } from './block-kit.js';
import { reconcile, resetConversation } from './conversation.js';
import { h, sleep } from './dom.js';
import { renderSlackItem, renderTeamsItem } from './messages.js';
import { runSample } from './sample.js';

const POLL_MS = 500;
const $ = (id) => document.getElementById(id);

const state = {
  personas: [],
  rooms: [],
  persona: 'sam',
  room: 1,
  version: null,
  generation: 0,
  dismissed: new Set(),
  modal: null,
  wake: null,
  /** Resolved once the current persona's and room's view has been drawn (see viewReady). */
  drawn: null,
};

const me = () => state.personas.find((p) => p.key === state.persona);
const room = () => state.rooms.find((r) => r.n === state.room);

function showError(platform, message) {
  const slot = $(`${platform}-error`);
  slot.textContent = message;
  slot.hidden = false;
  clearTimeout(slot.timer);
  slot.timer = setTimeout(() => {
    slot.hidden = true;
  }, 10_000);
}

export function narrate(text) {
  $('narration').textContent = text;
}

/** Run `work`; a failure is shown in the pane as the sentence it carries. */
async function guarded(platform, work) {
  try {
    return await work();
  } catch (error) {
    showError(platform, error instanceof Error ? error.message : String(error));
    return null;
  } finally {
    pollNow();
  }
}

// ---- what a persona does ---------------------------------------------------------------------

export function send(platform, text, target = 'channel') {
  return guarded(platform, () =>
    api(`/${platform}/send`, { persona: state.persona, room: state.room, target, text }),
  );
}

function slackClick(item, action) {
  return guarded('slack', () => api('/slack/action', { persona: state.persona, ...item.slack, action }));
}

async function teamsClick(item, action) {
  const answer = await guarded('teams', () =>
    api('/teams/action', { persona: state.persona, ...item.teams, ...action }),
  );
  return answer?.card ?? null;
}

// ---- what a persona sees ----------------------------------------------------------------------

const slackCtx = () => {
  const p = me();
  return {
    personas: state.personas,
    me: p.key,
    meSlack: p.slack.id,
    users: state.personas.map((x) => ({ id: x.slack.id, name: x.name })),
    userName: (id) =>
      id === state.slackBot ? 'Dealroom' : state.personas.find((x) => x.slack.id === id)?.name,
    onAction: slackClick,
  };
};
const teamsCtx = () => ({ personas: state.personas, me: state.persona, onAction: teamsClick });

function render(feed) {
  const sctx = slackCtx();
  const tctx = teamsCtx();
  reconcile(
    $('slack-channel'),
    feed.slack.channel,
    (i) => renderSlackItem(i, sctx),
    'Nothing here yet. Try /deal new Acme expansion',
  );
  reconcile($('slack-dm'), feed.slack.dm, (i) => renderSlackItem(i, sctx), 'No direct messages yet.');
  reconcile(
    $('teams-channel'),
    feed.teams.channel,
    (i) => renderTeamsItem(i, tctx),
    'Nothing here yet. Try @Dealroom new Acme expansion',
  );
  reconcile($('teams-dm'), feed.teams.dm, (i) => renderTeamsItem(i, tctx), 'No chat with Dealroom yet.');
  showModal(feed.slack.modal);
}

function showModal(modal) {
  const open = modal && !state.dismissed.has(modal.id) ? modal : null;
  if (open?.id === state.modal?.id) return;
  state.modal?.node.remove();
  state.modal = null;
  if (!open) return;
  const node = renderModal(open.view, {
    ...slackCtx(),
    onClose: () => {
      state.dismissed.add(open.id);
      showModal(null);
    },
    onSubmit: async (values) => {
      const answer = await guarded('slack', () =>
        api('/slack/view', {
          persona: state.persona,
          id: open.id,
          callbackId: open.view.callback_id ?? '',
          privateMetadata: open.view.private_metadata ?? '',
          values,
        }),
      );
      if (answer && !answer.errors) {
        state.dismissed.add(open.id);
        showModal(null);
      }
      return answer;
    },
  });
  state.modal = { id: open.id, node };
  $('slack-pane').append(node);
  node.querySelector('textarea, input')?.focus();
}

function pollNow() {
  state.wake?.();
}

async function pollLoop() {
  for (;;) {
    const generation = state.generation;
    try {
      const v = state.version ? `&v=${encodeURIComponent(state.version)}` : '';
      const feed = await api(`/feed?persona=${state.persona}&room=${state.room}${v}`);
      if (generation === state.generation && !feed.unchanged) {
        state.version = feed.version;
        render(feed);
      }
      $('offline').hidden = true;
    } catch (error) {
      $('offline').textContent = error.message;
      $('offline').hidden = false;
    }
    // Drawn, or as drawn as it gets while the server does not answer: nobody waits forever.
    if (generation === state.generation && state.drawn?.generation === generation) {
      state.drawn.resolve();
      state.drawn = null;
    }
    await Promise.race([sleep(POLL_MS), new Promise((resolve) => (state.wake = resolve))]);
  }
}

// ---- choosing who and where -------------------------------------------------------------------

/** Resolves when what the current persona sees in the current room has been drawn. */
function viewReady() {
  return new Promise((resolve) => {
    state.drawn?.resolve();
    state.drawn = { generation: state.generation, resolve };
    pollNow();
  });
}

function resetViews() {
  state.generation++;
  state.version = null;
  for (const id of ['slack-channel', 'slack-dm', 'teams-channel', 'teams-dm']) resetConversation($(id));
  state.modal?.node.remove();
  state.modal = null;
  const params = new URLSearchParams({ persona: state.persona, room: String(state.room) });
  history.replaceState(null, '', `?${params}`);
  pollNow();
}

/** Switches persona; resolves once their view is drawn. */
export function setPersona(key) {
  if (!state.personas.some((p) => p.key === key) || key === state.persona) return Promise.resolve();
  state.persona = key;
  $('persona').value = key;
  const p = me();
  $('whoami').textContent = `${p.name} · ${p.title}`;
  resetViews();
  return viewReady();
}

function fillRooms() {
  $('room').replaceChildren(
    ...state.rooms.map((r) => h('option', { value: r.n }, `Room ${r.n}: #${r.slack.name} · ${r.teams.name}`)),
  );
  $('room').value = String(state.room);
  const r = room();
  $('slack-room-name').textContent = `#${r.slack.name}`;
  $('teams-room-name').textContent = `Sales › ${r.teams.name}`;
  $('slack-target-channel').textContent = `#${r.slack.name}`;
  $('teams-target-channel').textContent = r.teams.name;
}

export function setRoom(n) {
  if (!state.rooms.some((r) => r.n === n) || n === state.room) return Promise.resolve();
  state.room = n;
  fillRooms();
  resetViews();
  return viewReady();
}

export async function newRoom() {
  const created = await guarded('slack', () => api('/rooms', {}));
  if (!created) return false;
  state.rooms = created.rooms;
  await setRoom(created.room.n);
  return true;
}

/** Does the current room show anything yet (a deal may live there)? */
export const roomInUse = () =>
  Boolean(
    document.querySelector('#slack-channel .msg, #teams-channel .msg.person, #teams-channel .msg .ac-holder'),
  );

function composer(platform) {
  const form = $(`${platform}-composer`);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = form.elements.text;
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    await send(platform, text, form.elements.target.value);
    input.focus();
  });
}

function mentionChips() {
  for (const platform of ['slack', 'teams']) {
    const input = $(`${platform}-composer`).elements.text;
    $(`${platform}-chips`).replaceChildren(
      ...state.personas.map((p) =>
        h(
          'button',
          {
            type: 'button',
            class: 'chip',
            title: `Mention ${p.name} (${p.title})`,
            onclick: () => {
              input.value = `${input.value.replace(/\s*$/, input.value ? ' ' : '')}@${p.name} `;
              input.focus();
            },
          },
          `@${p.name}`,
        ),
      ),
    );
  }
}

async function init() {
  const s = await api('/state');
  state.personas = s.personas;
  state.rooms = s.rooms;
  state.slackBot = s.slack.botUserId;
  const params = new URLSearchParams(location.search);
  state.persona = s.personas.some((p) => p.key === params.get('persona')) ? params.get('persona') : 'sam';
  const wanted = Number(params.get('room'));
  state.room = s.rooms.some((r) => r.n === wanted) ? wanted : s.rooms[0].n;
  $('persona').replaceChildren(
    ...s.personas.map((p) => h('option', { value: p.key }, `${p.name} — ${p.title}`)),
  );
  $('persona').value = state.persona;
  $('whoami').textContent = `${me().name} · ${me().title}`;
  $('persona').addEventListener('change', (e) => setPersona(e.target.value));
  $('room').addEventListener('change', (e) => setRoom(Number(e.target.value)));
  $('new-room').addEventListener('click', () => newRoom());
  fillRooms();
  composer('slack');
  composer('teams');
  mentionChips();
  $('run-sample').addEventListener('click', async () => {
    $('run-sample').disabled = true;
    try {
      await runSample($('sample-platform').value, { send, setPersona, newRoom, roomInUse, narrate });
    } catch (error) {
      narrate(`The sample stopped: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      $('run-sample').disabled = false;
    }
  });
  document.body.dataset.ready = 'true';
  pollLoop();
}

init().catch((error) => {
  $('offline').textContent = `The playground could not start: ${error.message}`;
  $('offline').hidden = false;
});
