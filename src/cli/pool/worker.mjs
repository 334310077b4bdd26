// Worker entry of the theorem pool: registers tsx in this thread (loader hooks are per thread), so
// the TypeScript sources and a user's --method FILE load here as they do in the CLI.
import { register } from 'tsx/esm/api';

register();
const { runJob } = await import('./job.ts');
export default runJob;
