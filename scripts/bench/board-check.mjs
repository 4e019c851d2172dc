// Checks the app's board against the git CLI's answers: a fast board is worth nothing if it is wrong.

/** Mismatches between the app's module cards and git's tips and ahead/behind counts, as readable lines. */
export function compareBoardWithGit(appModules, gitRead, prefix = 'module/') {
  const problems = [];
  for (const card of appModules) {
    const tip = gitRead.tips.get(`${prefix}${card.id}`) ?? null;
    if ((card.tip ?? null) !== tip) problems.push(`${card.id}: tip ${card.tip} but git says ${tip}`);
    const counts = gitRead.aheadBehind.get(card.id);
    if (counts && (card.ahead !== counts.ahead || card.behind !== counts.behind)) {
      problems.push(`${card.id}: ahead/behind ${card.ahead}/${card.behind} but git says ${counts.ahead}/${counts.behind}`);
    }
  }
  return problems;
}
