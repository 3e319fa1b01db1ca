// An embedding's words (www/embedding.js): why the engine could not start,
// naming the cause an author can fix, and why an author's scenario could not
// be had.

const intro = 'The playground could not start:';

export default {
  couldNotStart: {
    connectSrc: (engine, origin) => `${intro} the page's Content-Security-Policy does not let it fetch its engine (${engine}). Add ${origin} to connect-src.`,
    wasmEval: `${intro} the page's Content-Security-Policy does not let it compile WebAssembly. Add 'wasm-unsafe-eval' to script-src.`,
    noWebAssembly: `${intro} this browser has no WebAssembly.`,
    mimeType: (engine) => `${intro} its engine (${engine}) is not served as application/wasm. Configure the server to send .wasm files with that type.`,
    status: (engine, status, statusText) => `${intro} its engine (${engine}) could not be fetched: the server answered ${status} ${statusText}. Is the package complete there?`,
    crossOrigin: (engine) =>
      `${intro} its engine (${engine}) could not be fetched. It is on another origin: that server must send Access-Control-Allow-Origin (CDNs that serve npm packages do).`,
    unreachable: (engine) => `${intro} its engine (${engine}) could not be fetched. Is the address right, and is the page served over http(s)?`,
    other: (why) => `${intro} ${why}.`,
  },
  notTourNorUrl: (value) => `scenario="${value}" is neither a tour's name nor a URL.`,
  scenarioStatus: (url, status, statusText) => `The scenario at ${url} could not be fetched: the server answered ${status} ${statusText}.`,
  // Where a fetched scenario came from, as a message about it names it.
  scenarioSource: (url) => `at ${url}`,
  scenarioUnreachable: (url, why) => `The scenario at ${url} could not be fetched (${why}). Is the address right, and does that server allow this page to read it?`,
};
