// One colour per class, stable across pages: Fink's own colours for its classes, a hash palette for the rest.

const FINK = {
  'Early SN Ia candidate': '#dc2626',
  'SN candidate': '#ea580c',
  'SLSN candidate': '#9333ea',
  'Kilonova candidate': '#111827',
  'Microlensing candidate': '#65a30d',
  'Tracklet': '#7c3aed',
  'Solar System MPC': '#ca8a04',
  'Solar System candidate': '#4f46e5',
  'Ambiguous': '#a21caf',
  'Unknown': '#9ca3af',
  '(CTA) Blazar low state': '#0e7490',
  '(CTA) Blazar high state': '#0891b2',
};
const PALETTE = ['#2563eb', '#0d9488', '#db2777', '#7c2d12', '#4338ca', '#0369a1', '#15803d', '#b45309', '#be123c', '#6d28d9', '#0f766e', '#1d4ed8'];

export function classColour(name) {
  if (!name) return FINK.Unknown;
  if (FINK[name]) return FINK[name];
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}
