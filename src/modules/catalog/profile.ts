import Type, { type Static } from 'typebox';

// The device profile: the product's technical facts that jurisdiction rules apply to.
// Field names are public interface (API, CLI, import); see DESIGN.md "Compliance vocabulary".

export const RADIOS = ['cellular', 'wifi', 'bluetooth', 'nfc', 'uwb'];
export const CHARGING_PORTS = ['usb-c', 'micro-usb', 'lightning', 'proprietary'];
export const BATTERY_CHEMISTRIES = ['li-ion', 'li-polymer', 'lifepo4', 'nimh', 'alkaline', 'other'];

function literals<const T extends string[]>(values: T, description: string) {
  return Type.Enum(values, { description });
}

const Chemistry = literals(BATTERY_CHEMISTRIES, 'battery chemistry');
const WattHours = Type.Number({
  exclusiveMinimum: 0,
  maximum: 10_000,
  description: 'energy in watt-hours',
});

export const CategoryCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 64,
  description: 'catalog category code, kebab-case',
});

const facts = {
  electronic: Type.Boolean({
    description: 'has any electrical or electronic part',
  }),
  digitalCircuitry: Type.Boolean({
    description: 'clocked logic, a microcontroller or a switching converter',
  }),
  radios: Type.Array(literals(RADIOS, 'a transmitter on board'), {
    uniqueItems: true,
  }),
  cellularVoice: Type.Boolean({
    description: 'makes voice calls over a cellular network',
  }),
  battery: Type.Union([
    Type.Object(
      {
        chemistry: Chemistry,
        wattHours: WattHours,
        userRemovable: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ]),
  chargingCaseBattery: Type.Union([
    Type.Object({ chemistry: Chemistry, wattHours: WattHours }, { additionalProperties: false }),
    Type.Null(),
  ]),
  chargingPort: Type.Union([literals(CHARGING_PORTS, 'charging port'), Type.Null()]),
  mainsPowered: Type.Boolean({
    description: 'connects to AC mains itself, directly or through its own adapter',
  }),
  powerSupply: Type.Union([
    Type.Object(
      {
        inputVoltsAc: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
        outputWatts: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
      },
      {
        additionalProperties: false,
        description: 'the product IS an external power supply or charger',
      },
    ),
    Type.Null(),
  ]),
  bundledPowerSupply: Type.Union([
    Type.Object(
      { outputWatts: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }) },
      { additionalProperties: false, description: 'ships with a wall adapter' },
    ),
    Type.Null(),
  ]),
  childrensProduct: Type.Union([
    Type.Object(
      {
        minAge: Type.Number({ minimum: 0, maximum: 18 }),
        maxAge: Type.Number({ minimum: 0, maximum: 18 }),
      },
      {
        additionalProperties: false,
        description: 'designed or intended primarily for children, ages in years',
      },
    ),
    Type.Null(),
  ]),
  toy: Type.Boolean(),
  materials: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    maxItems: 50,
  }),
  bodyWorn: Type.Boolean(),
  handheld: Type.Boolean({
    description: 'used held in the hand or against the head (within 20 cm of the body)',
  }),
  internetConnectable: Type.Boolean(),
  pairsWithApp: Type.Boolean(),
  processesPersonalData: Type.Boolean(),
};

export const DeviceProfileSchema = Type.Object(
  { category: CategoryCode, ...facts },
  {
    additionalProperties: false,
    description: 'device profile (DESIGN.md, compliance vocabulary)',
  },
);

/** A product's profile as the catalog API takes it: the category comes from the product itself. */
export const ProductProfileSchema = Type.Object(
  { category: Type.Optional(CategoryCode), ...facts },
  {
    additionalProperties: false,
    description: 'device profile; category defaults to the product category',
  },
);

export type DeviceProfile = Static<typeof DeviceProfileSchema>;

/**
 * Consistency rules a schema cannot express; each returns the field it blames.
 * Pure: used by the API, the CLI and the demo loader alike.
 */
export function profileInconsistencies(profile: DeviceProfile): Array<{ field: string; message: string }> {
  const issues: Array<{ field: string; message: string }> = [];
  const blame = (field: string, message: string) => issues.push({ field, message });
  if (!profile.electronic) {
    if (profile.radios.length > 0) blame('radios', 'a product that is not electronic has no radios');
    if (profile.battery) blame('battery', 'a product that is not electronic has no battery');
    if (profile.digitalCircuitry)
      blame('digitalCircuitry', 'a product that is not electronic has no digital circuitry');
    if (profile.mainsPowered) blame('mainsPowered', 'a product that is not electronic is not mains powered');
  }
  if (profile.cellularVoice && !profile.radios.includes('cellular')) {
    blame('cellularVoice', 'voice calls over a cellular network need a cellular radio');
  }
  if (profile.childrensProduct && profile.childrensProduct.minAge > profile.childrensProduct.maxAge) {
    blame('childrensProduct.minAge', 'must not be greater than maxAge');
  }
  return issues;
}
