// The tesseract.js worker, with its console silenced. Tesseract and Leptonica print diagnostics
// straight to the console ("Detected 3 diacritics", "Error in boxClipToRectangle: …"); they are not
// results and would bury the tool's own output. Failures still reach us as rejected jobs.
'use strict';
const path = require('node:path');
const noop = () => {};
console.log = noop;
console.info = noop;
console.warn = noop;
console.error = noop;
console.debug = noop;
const root = path.dirname(require.resolve('tesseract.js/package.json'));
require(path.join(root, 'src', 'worker-script', 'node', 'index.js'));
