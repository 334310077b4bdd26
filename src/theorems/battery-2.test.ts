import { defineBattery } from './battery.ts';

await defineBattery(2);
