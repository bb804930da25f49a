/**
 * Test fixture: R's `datasets::mtcars` (Henderson & Velleman 1981), the columns the logistic tests use.
 * R 4.x: `summary(glm(am ~ wt + hp, binomial, mtcars))` prints
 *   (Intercept) 18.86630  7.44356  2.535 0.01126
 *   wt          -8.08348  3.06868 -2.634 0.00843
 *   hp           0.03626  0.01773  2.044 0.04091
 *   Null deviance 43.230 on 31 df, residual deviance 10.059 on 29 df, AIC 16.059 (logLik −5.0296).
 */
// name, wt (1000 lbs), hp, cyl, vs, am (1 = manual)
const ROWS: [string, number, number, number, number, number][] = [
  ['Mazda RX4', 2.62, 110, 6, 0, 1],
  ['Mazda RX4 Wag', 2.875, 110, 6, 0, 1],
  ['Datsun 710', 2.32, 93, 4, 1, 1],
  ['Hornet 4 Drive', 3.215, 110, 6, 1, 0],
  ['Hornet Sportabout', 3.44, 175, 8, 0, 0],
  ['Valiant', 3.46, 105, 6, 1, 0],
  ['Duster 360', 3.57, 245, 8, 0, 0],
  ['Merc 240D', 3.19, 62, 4, 1, 0],
  ['Merc 230', 3.15, 95, 4, 1, 0],
  ['Merc 280', 3.44, 123, 6, 1, 0],
  ['Merc 280C', 3.44, 123, 6, 1, 0],
  ['Merc 450SE', 4.07, 180, 8, 0, 0],
  ['Merc 450SL', 3.73, 180, 8, 0, 0],
  ['Merc 450SLC', 3.78, 180, 8, 0, 0],
  ['Cadillac Fleetwood', 5.25, 205, 8, 0, 0],
  ['Lincoln Continental', 5.424, 215, 8, 0, 0],
  ['Chrysler Imperial', 5.345, 230, 8, 0, 0],
  ['Fiat 128', 2.2, 66, 4, 1, 1],
  ['Honda Civic', 1.615, 52, 4, 1, 1],
  ['Toyota Corolla', 1.835, 65, 4, 1, 1],
  ['Toyota Corona', 2.465, 97, 4, 1, 0],
  ['Dodge Challenger', 3.52, 150, 8, 0, 0],
  ['AMC Javelin', 3.435, 150, 8, 0, 0],
  ['Camaro Z28', 3.84, 245, 8, 0, 0],
  ['Pontiac Firebird', 3.845, 175, 8, 0, 0],
  ['Fiat X1-9', 1.935, 66, 4, 1, 1],
  ['Porsche 914-2', 2.14, 91, 4, 0, 1],
  ['Lotus Europa', 1.513, 113, 4, 1, 1],
  ['Ford Pantera L', 3.17, 264, 8, 0, 1],
  ['Ferrari Dino', 2.77, 175, 6, 0, 1],
  ['Maserati Bora', 3.57, 335, 8, 0, 1],
  ['Volvo 142E', 2.78, 109, 4, 1, 1],
];

export const MTCARS_CSV_ROWS: Record<string, string>[] = ROWS.map(([model, wt, hp, cyl, vs, am]) => ({
  model,
  wt: String(wt),
  hp: String(hp),
  cyl: String(cyl),
  vs: String(vs),
  am: String(am),
}));
