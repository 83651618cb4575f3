import { between, chance, pick, some } from './random.mjs';

// The kinds of product in the synthetic catalogue: for each category, how a device profile varies
// (radios, batteries, mains power, children's toys) and the cloud services it may need.

export const CATEGORIES = [
  'smartphone',
  'tablet',
  'laptop',
  'fitness-band',
  'smartwatch',
  'power-bank',
  'earphones-wired',
  'earphones-wireless',
  'bluetooth-speaker',
  'charger',
  'home-camera',
  'security-camera',
  'plush-toy',
  'smart-toy',
];

const BASE = {
  electronic: true,
  digitalCircuitry: true,
  radios: [],
  cellularVoice: false,
  battery: null,
  chargingCaseBattery: null,
  chargingPort: null,
  mainsPowered: false,
  powerSupply: null,
  bundledPowerSupply: null,
  childrensProduct: null,
  toy: false,
  materials: [],
  bodyWorn: false,
  handheld: false,
  internetConnectable: false,
  pairsWithApp: false,
  processesPersonalData: false,
};

const lithium = (rng, low, high, userRemovable = false) => ({
  chemistry: pick(rng, ['li-ion', 'li-polymer']),
  wattHours: between(rng, low, high),
  userRemovable,
});

export const ARCHETYPES = [
  {
    category: 'smartphone',
    services: ['account', 'sync', 'app-store', 'firmware-updates', 'push-notifications', 'payments'],
    profile: (rng) => ({
      ...BASE,
      radios: ['cellular', 'wifi', 'bluetooth', ...some(rng, ['nfc', 'uwb'], 0.6)],
      cellularVoice: true,
      battery: lithium(rng, 10, 20),
      chargingPort: 'usb-c',
      bundledPowerSupply: chance(rng, 0.3) ? { outputWatts: pick(rng, [18, 33, 67]) } : null,
      handheld: true,
      internetConnectable: true,
      processesPersonalData: true,
    }),
  },
  {
    category: 'tablet',
    services: ['account', 'sync', 'app-store', 'firmware-updates'],
    profile: (rng) => ({
      ...BASE,
      radios: ['wifi', 'bluetooth', ...some(rng, ['cellular'], 0.3)],
      battery: lithium(rng, 25, 40),
      chargingPort: 'usb-c',
      bundledPowerSupply: chance(rng, 0.5) ? { outputWatts: pick(rng, [20, 33]) } : null,
      internetConnectable: true,
      processesPersonalData: true,
    }),
  },
  {
    category: 'laptop',
    services: ['account', 'sync', 'firmware-updates'],
    profile: (rng) => ({
      ...BASE,
      radios: ['wifi', 'bluetooth'],
      battery: lithium(rng, 40, 99),
      chargingPort: 'usb-c',
      bundledPowerSupply: { outputWatts: pick(rng, [45, 65, 100]) },
      internetConnectable: true,
      processesPersonalData: true,
    }),
  },
  {
    category: 'fitness-band',
    services: ['account', 'sync', 'companion-app', 'firmware-updates'],
    profile: (rng) => ({
      ...BASE,
      radios: ['bluetooth', ...some(rng, ['nfc'], 0.4)],
      battery: { chemistry: 'li-polymer', wattHours: between(rng, 0.4, 1.6), userRemovable: false },
      chargingPort: 'proprietary',
      bodyWorn: true,
      pairsWithApp: true,
      processesPersonalData: true,
    }),
  },
  {
    category: 'smartwatch',
    services: ['account', 'sync', 'companion-app', 'firmware-updates', 'location'],
    profile: (rng) => {
      const cellular = chance(rng, 0.3);
      const kids = chance(rng, 0.25);
      return {
        ...BASE,
        radios: ['bluetooth', 'wifi', ...(cellular ? ['cellular'] : [])],
        cellularVoice: cellular,
        battery: { chemistry: 'li-polymer', wattHours: between(rng, 1, 2.5), userRemovable: false },
        chargingPort: 'proprietary',
        childrensProduct: kids ? { minAge: 4, maxAge: 12 } : null,
        bodyWorn: true,
        internetConnectable: cellular,
        pairsWithApp: true,
        processesPersonalData: true,
      };
    },
  },
  {
    category: 'power-bank',
    services: [],
    profile: (rng) => ({
      ...BASE,
      battery: { chemistry: 'li-ion', wattHours: between(rng, 18, 99), userRemovable: false },
      chargingPort: pick(rng, ['usb-c', 'micro-usb']),
    }),
  },
  {
    category: 'earphones-wired',
    services: [],
    profile: () => ({ ...BASE, electronic: false, digitalCircuitry: false }),
  },
  {
    category: 'earphones-wireless',
    services: ['companion-app', 'firmware-updates'],
    profile: (rng) => ({
      ...BASE,
      radios: ['bluetooth'],
      battery: { chemistry: 'li-ion', wattHours: between(rng, 0.1, 0.3), userRemovable: false },
      chargingCaseBattery: { chemistry: 'li-ion', wattHours: between(rng, 1, 2.5) },
      chargingPort: 'usb-c',
      bodyWorn: true,
      pairsWithApp: chance(rng, 0.6),
    }),
  },
  {
    category: 'bluetooth-speaker',
    services: ['voice-assistant', 'firmware-updates'],
    profile: (rng) => {
      const smart = chance(rng, 0.4);
      return {
        ...BASE,
        radios: smart ? ['bluetooth', 'wifi'] : ['bluetooth'],
        battery: smart ? null : lithium(rng, 5, 30),
        chargingPort: smart ? null : 'usb-c',
        mainsPowered: smart,
        bundledPowerSupply: smart ? { outputWatts: 24 } : null,
        internetConnectable: smart,
        processesPersonalData: smart,
      };
    },
  },
  {
    category: 'charger',
    services: [],
    profile: (rng) => ({
      ...BASE,
      mainsPowered: true,
      powerSupply: { inputVoltsAc: 240, outputWatts: pick(rng, [20, 33, 65, 120]) },
    }),
  },
  {
    category: 'home-camera',
    services: ['account', 'video-cloud', 'companion-app', 'firmware-updates'],
    profile: (rng) => ({
      ...BASE,
      radios: ['wifi', ...some(rng, ['bluetooth'], 0.5)],
      mainsPowered: true,
      bundledPowerSupply: { outputWatts: pick(rng, [5, 10]) },
      internetConnectable: true,
      pairsWithApp: true,
      processesPersonalData: true,
    }),
  },
  {
    category: 'security-camera',
    services: ['account', 'video-cloud', 'companion-app', 'firmware-updates', 'push-notifications'],
    profile: (rng) => ({
      ...BASE,
      radios: ['wifi'],
      battery: chance(rng, 0.5) ? lithium(rng, 20, 50, true) : null,
      chargingPort: 'usb-c',
      internetConnectable: true,
      pairsWithApp: true,
      processesPersonalData: true,
    }),
  },
  {
    category: 'plush-toy',
    services: [],
    profile: () => ({
      ...BASE,
      electronic: false,
      digitalCircuitry: false,
      childrensProduct: { minAge: 0, maxAge: 12 },
      toy: true,
      materials: ['polyester', 'polypropylene fibre'],
    }),
  },
  {
    category: 'smart-toy',
    services: ['companion-app', 'firmware-updates'],
    profile: (rng) => ({
      ...BASE,
      radios: ['bluetooth'],
      battery: lithium(rng, 2, 10),
      chargingPort: 'usb-c',
      childrensProduct: { minAge: pick(rng, [3, 6, 8]), maxAge: 12 },
      toy: true,
      materials: ['abs plastic'],
      pairsWithApp: true,
      processesPersonalData: chance(rng, 0.5),
    }),
  },
];
