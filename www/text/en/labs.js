// English words of the three labs below the playground, fetched with them:
// the attack lab's (attacks.js), the cookie lab's (lab.js) and the scale
// lab's (scale.js). Their static forms and prose are index.html's (page.js).

import attacks from './attacks.js';
import lab from './lab.js';
import scale from './scale.js';

export default { attacks, lab, scale };
