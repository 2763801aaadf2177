// The playground's JSON API. Every failure becomes an Error whose message is a sentence for the page.

export async function api(path, body) {
  let res;
  try {
    res = await fetch(
      `/playground/api${path}`,
      body === undefined
        ? { cache: 'no-store' }
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
  } catch {
    throw new Error('The playground server did not answer. Is Dealroom still running?');
  }
  let json = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok)
    throw new Error(json?.error ?? `The playground answered HTTP ${res.status}; nothing happened.`);
  return json;
}
