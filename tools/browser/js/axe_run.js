// Run axe-core (already in the page as window.axe) on the elements matching `scope` only, with
// the rules of the given WCAG tags; returns its violations, each with the elements it found.
async ({scope, tags}) => {
  if (!document.querySelector(scope)) return {error: `nothing in the page matches ${scope}`};
  const result = await window.axe.run(
    {include: [[scope]]},
    {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {
    version: window.axe.version,
    violations: result.violations.map(v => ({
      rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160)})),
    })),
  };
}
