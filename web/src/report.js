// HOOK — Download report (issue 17 §1). The handout is the library's own HTML report
// (`argcheck report FILE... -o lesson.html`), built by the lead engineer; when the library exposes
// it, the engine worker gets a `report` request (web/src/lib.rs) and this function saves what it
// returns. The page never renders a second report of its own.
export const reportAvailable = false;

export async function downloadReport(/* engine, files */) {
  throw new Error('The handout report is not available in the playground yet.');
}
