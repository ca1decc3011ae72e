// Whether a publish step runs a given release tool (lerna publish, semantic-release, Ship.js,
// release-it): on its own lines, in a package.json script one of them runs, or in a shell script of
// the repository one of them runs (`./publish.sh`, directly or through a package.json script) and
// the package.json scripts that script runs, one level each, as the publish rule follows them, or in
// a JavaScript release program one of them runs when `programs` is set (`execa('yarn', ['lerna', 'publish', …])`).
import { scriptsRun, type PublishContext } from './publish-rule.js';
import { scriptFilesRun, scriptText, shellCode } from './script-files.js';
import { programRunsTool } from './program-publish.js';

/** True when a line of `run` (working directory `dir`, from the top), or what it runs, matches `tool`. */
export function runsTool(run: string, tool: RegExp, publish: PublishContext | undefined, dir = '', programs = false): boolean {
  const scripts = publish?.scripts;
  const named = (line: string) => scriptsRun(line, scripts, publish?.yarnBerry).map((name) => scripts![name]!);
  const direct = (line: string) => tool.test(line) || named(line).some((text) => tool.test(text));
  return run.split('\n').some((line) => {
    if (direct(line) || (programs && publish !== undefined && programRunsTool(line, tool, publish, dir))) return true;
    // A package.json script that runs a repository shell script runs it from the top.
    const files = [...scriptFilesRun(line, dir), ...named(line).flatMap((text) => scriptFilesRun(text))];
    return files.some((path) => scriptText(path, publish?.readFile)?.split('\n').some((l) => direct(shellCode(l))) ?? false);
  });
}
