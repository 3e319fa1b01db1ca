// The printed transcript's words (www/print.js): each step's heading, and
// a tour step's, with its title when it has one.

export default {
  tourStep: (number, title) => `Tour step ${number}${title ? `: ${title}` : ''}`,
  step: (position, who) => `Step ${position}, ${who}: `,
};
