// ?embed=1: the playground alone, for an iframe inside someone's article.
// index.html runs this module first, on its own and blocking the first paint
// until it has (it imports nothing, so it runs as soon as it arrives, while
// the stylesheet is still on its way): the page is never painted with the
// article's heading above the playground and then painted without it, a
// shift of the whole playground.

// The values of ?embed= that mean yes; main.js reports any other, reading the class set here.
const EMBED_ON = ['1', 'true'];

if (EMBED_ON.includes(new URLSearchParams(location.search).get('embed'))) document.documentElement.classList.add('embed');
