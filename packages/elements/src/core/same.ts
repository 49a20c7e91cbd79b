/** Whether two records from the API say the same (same fields, in the order the API gives them). */
export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
