// Block Kit → HTML, for the blocks Dealroom sends: header, section (text, fields, accessory),
// context, divider, actions (buttons, users_select, static_select) and, in modals, input blocks with
// plain_text_input. https://docs.slack.dev/reference/block-kit/blocks
import { h } from './dom.js';
import { textObject } from './mrkdwn.js';

/**
 * ctx = {
 *   userName(id), me,                    // for mentions
 *   users: [{ id, name }],               // what a users_select offers
 *   onAction(action) → Promise,          // a click: { type, action_id, block_id, value?, selected_user?, selected_option? }
 * }
 */
export function renderBlocks(blocks, ctx) {
  const root = h('div', { class: 'bk' });
  for (const block of Array.isArray(blocks) ? blocks : []) root.append(renderBlock(block, ctx, root));
  return root;
}

function renderBlock(block, ctx, root) {
  switch (block.type) {
    case 'header':
      return h('div', { class: 'bk-header' }, block.text?.text ?? '');
    case 'section':
      return section(block, ctx, root);
    case 'context':
      return h(
        'div',
        { class: 'bk-context' },
        (block.elements ?? []).map((e) =>
          e.type === 'image' ? h('span', { class: 'bk-image-alt' }, e.alt_text ?? '') : textObject(e, ctx),
        ),
      );
    case 'divider':
      return h('hr', { class: 'bk-divider' });
    case 'actions':
      return h(
        'div',
        { class: 'bk-actions' },
        (block.elements ?? []).map((e) => element(e, block.block_id, ctx, root)),
      );
    case 'image':
      return h('div', { class: 'bk-image-alt' }, `[image: ${block.alt_text ?? ''}]`);
    default:
      return h('div', { class: 'bk-unsupported' }, `[${block.type} block]`);
  }
}

function section(block, ctx, root) {
  const main = h('div', { class: 'bk-section-main' });
  if (block.text) main.append(h('div', { class: 'bk-text' }, textObject(block.text, ctx)));
  if (Array.isArray(block.fields)) {
    main.append(
      h(
        'div',
        { class: 'bk-fields' },
        block.fields.map((f) => h('div', {}, textObject(f, ctx))),
      ),
    );
  }
  return h(
    'div',
    { class: 'bk-section' },
    main,
    block.accessory
      ? h('div', { class: 'bk-accessory' }, element(block.accessory, block.block_id, ctx, root))
      : null,
  );
}

/** Sends one action; every control of the message is disabled until the click was delivered. */
async function act(root, ctx, action) {
  const controls = root.querySelectorAll('button, select');
  for (const c of controls) c.disabled = true;
  try {
    await ctx.onAction(action);
  } finally {
    for (const c of controls) c.disabled = false;
  }
}

function element(e, blockId, ctx, root) {
  const base = { action_id: e.action_id, block_id: blockId };
  switch (e.type) {
    case 'button':
      return h(
        'button',
        {
          type: 'button',
          class: `bk-button ${e.style ?? ''}`,
          dataset: { actionId: e.action_id },
          onclick: () => act(root, ctx, { ...base, type: 'button', value: e.value }),
        },
        e.text?.text ?? 'Button',
      );
    case 'users_select': {
      const select = h(
        'select',
        {
          class: 'bk-select',
          dataset: { actionId: e.action_id },
          'aria-label': e.placeholder?.text ?? 'Pick someone',
        },
        h('option', { value: '' }, e.placeholder?.text ?? 'Pick someone'),
        ctx.users.map((u) => h('option', { value: u.id }, u.name)),
      );
      select.addEventListener('change', () => {
        if (!select.value) return;
        const send = () => act(root, ctx, { ...base, type: 'users_select', selected_user: select.value });
        if (!e.confirm) return send();
        confirmInline(select, e.confirm, send, () => {
          select.value = '';
        });
      });
      return select;
    }
    case 'static_select': {
      const options = (e.options ?? []).map((o) =>
        h('option', { value: o.value, selected: o.value === e.initial_option?.value }, o.text?.text ?? ''),
      );
      const select = h(
        'select',
        {
          class: 'bk-select',
          dataset: { actionId: e.action_id },
          'aria-label': e.placeholder?.text ?? 'Choose',
        },
        e.initial_option ? null : h('option', { value: '' }, e.placeholder?.text ?? 'Choose'),
        options,
      );
      select.addEventListener('change', () => {
        const chosen = select.selectedOptions[0];
        if (!select.value || !chosen) return;
        act(root, ctx, {
          ...base,
          type: 'static_select',
          selected_option: { text: chosen.textContent ?? '', value: select.value },
        });
      });
      return select;
    }
    default:
      return h('span', { class: 'bk-unsupported' }, `[${e.type}]`);
  }
}

/** Slack's confirmation dialog (a composition object), shown next to the control instead of a popup. */
function confirmInline(anchor, confirm, onYes, onNo) {
  const box = h(
    'div',
    { class: 'bk-confirm', role: 'alertdialog' },
    h('strong', {}, confirm.title?.text ?? 'Are you sure?'),
    h('p', {}, confirm.text?.text ?? ''),
  );
  const answer = (then) => () => {
    box.remove();
    then();
  };
  box.append(
    h(
      'button',
      { type: 'button', class: 'bk-button', onclick: answer(onNo) },
      confirm.deny?.text ?? 'Cancel',
    ),
    h(
      'button',
      { type: 'button', class: `bk-button ${confirm.style ?? 'primary'}`, onclick: answer(onYes) },
      confirm.confirm?.text ?? 'Yes',
    ),
  );
  anchor.after(box);
}

/**
 * A modal (views.open) as an overlay. ctx adds onSubmit(values) → Promise<{ errors? }> and onClose().
 * Input values are sent as Slack does: view.state.values[block_id][action_id] = { type, value }.
 */
export function renderModal(view, ctx) {
  const inputs = [];
  const errors = new Map();
  const body = h('div', { class: 'modal-body' });
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input') {
      body.append(renderBlock(block, ctx, body));
      continue;
    }
    const el = block.element ?? {};
    const id = `m-${block.block_id}-${el.action_id}`;
    const field =
      el.type === 'plain_text_input' && el.multiline
        ? h('textarea', { id, rows: 3, maxlength: el.max_length, placeholder: el.placeholder?.text })
        : h('input', { id, type: 'text', maxlength: el.max_length, placeholder: el.placeholder?.text });
    const error = h('div', { class: 'modal-error', role: 'alert' });
    errors.set(block.block_id, error);
    inputs.push({ block, el, field });
    body.append(
      h(
        'label',
        { class: 'modal-label', for: id },
        block.label?.text ?? '',
        block.optional ? ' (optional)' : '',
      ),
      field,
      error,
    );
  }
  const submit = h('button', { type: 'submit', class: 'bk-button primary' }, view.submit?.text ?? 'Submit');
  const form = h(
    'form',
    { class: 'modal', role: 'dialog', 'aria-label': view.title?.text ?? 'Form' },
    h('div', { class: 'modal-title' }, view.title?.text ?? ''),
    body,
    h(
      'div',
      { class: 'modal-buttons' },
      h(
        'button',
        { type: 'button', class: 'bk-button', onclick: () => ctx.onClose() },
        view.close?.text ?? 'Cancel',
      ),
      submit,
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const e of errors.values()) e.textContent = '';
    // Slack's client checks min_length and required inputs before anything is sent.
    const missing = inputs.find(
      ({ block, el, field }) => !block.optional && field.value.length < Math.max(1, el.min_length ?? 1),
    );
    if (missing) {
      errors.get(missing.block.block_id).textContent = 'Please fill out this field.';
      return;
    }
    const values = {};
    for (const { block, el, field } of inputs) {
      values[block.block_id] = { [el.action_id]: { type: el.type, value: field.value } };
    }
    submit.disabled = true;
    try {
      const answer = await ctx.onSubmit(values);
      for (const [blockId, sentence] of Object.entries(answer?.errors ?? {})) {
        const slot = errors.get(blockId);
        if (slot) slot.textContent = sentence;
      }
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', { class: 'modal-backdrop' }, form);
}
