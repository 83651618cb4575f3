import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../platform/errors.js';
import type { SpamModel, TrainingOptions } from './model.js';

// The model as a file in the repository: versioned with the code, so a review shows when the
// filter changed and a release ships the filter it was tested with. Weights are sorted and
// rounded so that training twice on the same data writes the same bytes.

export const MODEL_FORMAT = 'marketgate-spam-model';
/** Bumped whenever features.ts changes what a feature is: an old model would score garbage. */
export const FEATURES_VERSION = 1;

export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../../../../data/spam/model.json', import.meta.url));

export interface TrainingSource {
  file: string;
  sha256: string;
  comments: number;
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  featuresVersion: number;
  training: TrainingOptions & { sources: TrainingSource[] };
  bias: number;
  weights: Record<string, number>;
}

/** The model file is missing, not a model, or from other features: the filter cannot run. */
export class ModelFileError extends AppError {
  readonly status = 500;
  readonly code = 'spam-model-unusable';
  readonly title = 'The spam model cannot be used';
}

const round = (x: number) => Number(x.toPrecision(6));

export function serializeModel(model: SpamModel, training: ModelFile['training']): string {
  const weights: Record<string, number> = {};
  for (const feature of [...model.weights.keys()].sort()) {
    const weight = round(model.weights.get(feature)!);
    if (weight !== 0) weights[feature] = weight;
  }
  const file: ModelFile = {
    format: MODEL_FORMAT,
    featuresVersion: FEATURES_VERSION,
    training,
    bias: round(model.bias),
    weights,
  };
  return `${JSON.stringify(file, null, 0)}\n`;
}

export function parseModel(text: string, source = 'the model'): { model: SpamModel; file: ModelFile } {
  let file: ModelFile;
  try {
    file = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (file?.format !== MODEL_FORMAT) throw new ModelFileError(`${source} is not a marketgate spam model`);
  if (file.featuresVersion !== FEATURES_VERSION) {
    throw new ModelFileError(
      `${source} was trained on features version ${file.featuresVersion}, this release computes version ${FEATURES_VERSION}: run \`marketgate spam train\``,
    );
  }
  if (typeof file.bias !== 'number' || typeof file.weights !== 'object' || file.weights === null) {
    throw new ModelFileError(`${source} has no bias or weights`);
  }
  return { model: { bias: file.bias, weights: new Map(Object.entries(file.weights)) }, file };
}

export function loadModel(path = DEFAULT_MODEL_FILE): { model: SpamModel; file: ModelFile } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ModelFileError(`cannot read the spam model ${path}: ${(error as Error).message}`);
  }
  return parseModel(text, path);
}
