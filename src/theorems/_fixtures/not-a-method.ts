/** Not a method: `tmc check --method` must refuse it with exit 2. */
export default { name: 'nothing' };
