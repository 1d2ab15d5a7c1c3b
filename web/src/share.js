// Sharing: the files, compressed (deflate, the browser's own CompressionStream), in the URL
// fragment — which browsers never send to a server. `#s=` followed by base64url.

const PREFIX = '#s=';

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const s = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The fragment for a state `{files: [{name, text}], active, lesson}`. */
export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, ...state }));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The state in a fragment, or null if it holds none (or a damaged one: `error` says why). */
export async function decodeState(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    const state = JSON.parse(new TextDecoder().decode(bytes));
    if (state.v !== 1 || !Array.isArray(state.files) || !state.files.every((f) => typeof f.name === 'string' && typeof f.text === 'string')) {
      throw new Error('not a playground link');
    }
    return state;
  } catch (e) {
    return { error: `The link could not be read (${e.message}); the default lesson is shown instead.` };
  }
}
