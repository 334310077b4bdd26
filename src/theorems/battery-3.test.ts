import { defineBattery } from './battery.ts';

await defineBattery(3);
