// Pure: a logistic-regression spam model over binary features, trained by stochastic gradient
// descent. Each comment's known features count equally and together have unit length, so a long
// comment does not outweigh a short one. Training is deterministic (a seeded shuffle); a
// moderator's decision is one more gradient step on the stored weights.

export interface SpamModel {
  bias: number;
  weights: Map<string, number>;
}

export interface TrainingOptions {
  /** Keep only features seen in at least this many comments (smaller model, same accuracy). */
  minDocuments: number;
  l2: number;
  epochs: number;
  /** Initial step size; it decays as 1 / (1 + step * l2 * t). */
  step: number;
  seed: number;
}

export const TRAINING: TrainingOptions = { minDocuments: 2, l2: 1e-5, epochs: 20, step: 0.5, seed: 1 };

export interface Example {
  features: ReadonlySet<string>;
  spam: boolean;
}

/** A small, seeded generator (mulberry32): the same data and seed train the same model. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The probability-like score in [0, 1] that the comment is spam. */
export function spamScore(model: SpamModel, features: ReadonlySet<string>): number {
  let known = 0;
  let sum = 0;
  for (const feature of features) {
    const weight = model.weights.get(feature);
    if (weight === undefined) continue;
    known++;
    sum += weight;
  }
  return sigmoid(model.bias + (known > 0 ? sum / Math.sqrt(known) : 0));
}

export function train(examples: readonly Example[], options: TrainingOptions = TRAINING): SpamModel {
  const documents = new Map<string, number>();
  for (const { features } of examples) for (const f of features) documents.set(f, (documents.get(f) ?? 0) + 1);
  const model: SpamModel = { bias: 0, weights: new Map() };
  for (const [feature, count] of documents) if (count >= options.minDocuments) model.weights.set(feature, 0);
  const rows = examples.map(({ features, spam }) => ({
    features: [...features].filter((f) => model.weights.has(f)),
    spam,
  }));
  const order = rows.map((_, i) => i);
  const next = random(options.seed);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) step(model, rows[index]!.features, rows[index]!.spam, options, t++);
  }
  return model;
}

/**
 * One moderator's decision: a gradient step towards it, adding features the model had not seen.
 * `t` is how many steps the model has taken, for the step size's decay.
 */
export function learn(model: SpamModel, features: ReadonlySet<string>, spam: boolean, t: number, options = TRAINING) {
  for (const feature of features) if (!model.weights.has(feature)) model.weights.set(feature, 0);
  step(model, [...features], spam, options, t);
}

function step(model: SpamModel, features: readonly string[], spam: boolean, options: TrainingOptions, t: number) {
  const value = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
  let z = model.bias;
  for (const f of features) z += model.weights.get(f)! * value;
  const gradient = sigmoid(z) - (spam ? 1 : 0);
  const rate = options.step / (1 + options.step * options.l2 * t);
  for (const f of features) {
    const w = model.weights.get(f)!;
    model.weights.set(f, w - rate * (gradient * value + options.l2 * w));
  }
  model.bias -= rate * gradient;
}
