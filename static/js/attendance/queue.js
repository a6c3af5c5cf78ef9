// The phone's offline queue, shared by the scanner and the roster: each item is saved in
// localStorage BEFORE it is sent, carries a nonce (the server stores its first answer
// and repeats it for a re-sent nonce, so nothing is stored twice) and leaves the queue
// only once the server answered it. Items hold only what the server needs to replay
// them: no names (docs/attendance-offline.md).
(() => {
  function nonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function LalanhQueue(key, onChange) {
    const load = () => {
      try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
    };
    const save = (items) => {
      if (items.length) localStorage.setItem(key, JSON.stringify(items));
      else localStorage.removeItem(key);
      if (onChange) onChange(items.length);
      return items;
    };
    return {
      load,
      save,
      add: (item) => save([...load(), item]),
      drop: (nonces) => {
        const done = new Set(nonces);
        return save(load().filter((item) => !done.has(item.nonce)));
      },
    };
  }
  // A request that got no real answer (offline, server error, rate limit): keep the item.
  LalanhQueue.retryable = (status) => status >= 500 || status === 429 || status === 401 || status === 0;
  LalanhQueue.nonce = nonce;
  window.LalanhQueue = LalanhQueue;
})();
