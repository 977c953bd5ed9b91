/**
 * Names of `Object.prototype` members (and `__proto__`): the keys that break `key in map` and
 * `map[key]` on plain objects. Tests use them as keys everywhere user data becomes a map.
 */
export const PROTOTYPE_NAMES = [
  '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupGetter__',
];
