// The words of the core's guard (www/core.js): what a call on a freed
// engine object says, and the names of the objects it guards.

export default {
  freed: (noun, name, className) => `this ${noun} was freed: ${name} cannot be used after free(); make a new ${className}`,
  playground: 'playground',
  cookieLab: 'cookie lab',
  scaleRun: 'scale run',
};
