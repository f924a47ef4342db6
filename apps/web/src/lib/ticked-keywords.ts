/** The keywords ticked in a results table (each checkbox's value is the keyword's JSON). */
export function tickedKeywords(form: FormData): unknown[] {
  return form.getAll('keyword').flatMap((value) => {
    try {
      return [JSON.parse(String(value))];
    } catch {
      return [];
    }
  });
}
