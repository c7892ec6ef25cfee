/** A three-area allocation model and its data: the smallest thing a command can run on. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

export const DATA = `code,name,population,crime,prior
A,Alpha,1000,10,400
B,Beta,3000,30,600
C,Gamma,2000,60,500
`;

export const MODEL = `fairshare: 1
title: Test fund
data: { file: data.csv, key: code, label: name }
pot: { total: 1500 }
indicators:
  population: { column: population, weight: 0.5 }
  crime: { column: crime, weight: 0.5 }
`;

/** A temporary folder with model.yaml and data.csv (as given), and any other files. */
export function workspace(model = MODEL, data = DATA, files: Record<string, string> = {}): string {
  const dir = tempDir('fairshare-model-');
  writeFileSync(join(dir, 'model.yaml'), model);
  writeFileSync(join(dir, 'data.csv'), data);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
