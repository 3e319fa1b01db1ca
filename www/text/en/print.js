// English words of the printed transcript (www/print.js), fetched with it once
// the browser is idle or the page is about to print (www/text/index.js,
// `PART_WORDS.print`): each step's heading, and a tour step's, with its title
// when it has one.

export default {
  tourStep: (number, title) => `Tour step ${number}${title ? `: ${title}` : ''}`,
  step: (position, who) => `Step ${position}, ${who}: `,
};
