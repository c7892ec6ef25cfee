import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { emitText } from '../shared.js';

export function registerNotebook(program: Command): void {
  const notebook = program.command('notebook').description('Reproducible analyses: Markdown with fairshare commands, run into HTML');
  notebook
    .command('run')
    .description('Run a notebook\'s fairshare commands and write one self-contained HTML page with their outputs and charts')
    .argument('<notebook>', 'a Markdown file (notebooks/*.md)')
    .option('--out <file>', 'where to write the HTML (default: beside the notebook, .md -> .html)')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare notebook run notebooks/avon-and-somerset-allocation.md
  $ fairshare notebook run notebooks/victims-fund-split.md --out split.html

In a notebook, a block
  \`\`\`fairshare
  allocate ../models/avon-and-somerset-2025-26.yaml
  \`\`\`
shows the command's output, and \`\`\`fairshare chart=change its chart. Commands run from
the notebook's folder; only fairshare commands run.`,
    )
    .action(async (path: string, options: { out?: string }) => {
      if (options.out !== undefined && !/\.html?$/i.test(options.out)) throw new UserError(`--out ${options.out}: a notebook runs into an HTML page; name it .html`);
      const { runNotebook } = await import('../../io/notebook.js');
      emitText(await runNotebook(path), options.out ?? `${path.replace(/\.md$/i, '')}.html`, 'notebook page');
    });
}
