import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { analysisFor } from '../../analysis/use-analysis';
import { copyText } from '../../components/clipboard';
import { TOOLBAR_BUTTON } from '../../layout/styles';
import { useAppStore } from '../../store/app-store';
import { selectEstate } from '../../store/selectors';
import { downloadBlob, downloadText, fileStem, today } from './download';
import { createShareLink } from './share-link';
import { useShareLinkOnStart } from './use-share-link-on-start';
import { loadNativeFormat, loadWriters } from '../../../engine';

type Notice =
  | { kind: 'link'; url: string; copied: boolean }
  | { kind: 'error'; message: string }
  | { kind: 'info'; message: string };

interface Item {
  id: string;
  label: string;
  hint: string;
  run: () => void | Promise<void>;
}

const ITEM =
  'flex w-full flex-col items-start rounded px-3 py-1.5 text-left text-sm text-slate-800 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:text-slate-100 dark:hover:bg-slate-700 dark:focus:bg-slate-700';

/** The header's Export menu: reports, the estate and the graph as files, and a share link. Nothing is uploaded. */
export function ExportMenu() {
  const estate = useAppStore(selectEstate);
  const shared = useShareLinkOnStart();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const linkId = useId();

  const items: Item[] = estate
    ? [
        {
          id: 'report',
          label: 'Review report (Markdown)',
          hint: 'Findings, paths and fixes',
          run: async () => {
            const { writeMarkdownReport } = await loadWriters();
            downloadText(
              writeMarkdownReport(await analysisFor(estate), estate, { date: today() }),
              `${fileStem(estate.name)}-report.md`,
              'text/markdown',
            );
          },
        },
        {
          id: 'yaml',
          label: 'Estate (YAML)',
          hint: 'The native format, what-if edits included',
          run: async () => {
            const { writeNativeEstate } = await loadNativeFormat();
            downloadText(
              writeNativeEstate(estate, 'yaml'),
              `${fileStem(estate.name)}.yaml`,
              'application/yaml',
            );
          },
        },
        {
          id: 'az',
          label: 'Remediation script (az CLI)',
          hint: 'Fixes for errors and warnings',
          run: async () => {
            const { writeAzScript } = await loadWriters();
            downloadText(
              writeAzScript(await analysisFor(estate), estate),
              `${fileStem(estate.name)}-fix.sh`,
              'text/x-shellscript',
            );
          },
        },
        {
          id: 'bicep',
          label: 'Missing grants (Bicep, zip)',
          hint: 'main.bicep and one module per resource group',
          run: async () => {
            const [{ writeBicep }, { zipTextFiles }] = await Promise.all([loadWriters(), import('./zip')]);
            const files = writeBicep(await analysisFor(estate), estate);
            downloadBlob(
              new Blob([zipTextFiles(files.map((file) => ({ path: file.path, text: file.text })))], {
                type: 'application/zip',
              }),
              `${fileStem(estate.name)}-bicep.zip`,
            );
          },
        },
        {
          id: 'terraform',
          label: 'Missing grants (Terraform)',
          hint: 'azurerm_role_assignment resources',
          run: async () => {
            const { writeTerraform } = await loadWriters();
            downloadText(
              writeTerraform(await analysisFor(estate), estate),
              `${fileStem(estate.name)}-fix.tf`,
              'text/plain',
            );
          },
        },
        {
          id: 'svg',
          label: 'Graph view (SVG)',
          hint: 'The graph as it is on screen',
          run: async () => {
            const { graphSvg } = await import('./graph-svg');
            const svg = graphSvg();
            if (svg) downloadText(svg, `${fileStem(estate.name)}-graph.svg`, 'image/svg+xml');
            else
              setNotice({
                kind: 'info',
                message: 'There is no graph on screen to export. Show the graph and try again.',
              });
          },
        },
        {
          id: 'png',
          label: 'Graph view (PNG)',
          hint: 'The same picture, as an image',
          run: async () => {
            const { graphSvg, svgToPng } = await import('./graph-svg');
            const svg = graphSvg();
            if (svg) downloadBlob(await svgToPng(svg), `${fileStem(estate.name)}-graph.png`);
            else
              setNotice({
                kind: 'info',
                message: 'There is no graph on screen to export. Show the graph and try again.',
              });
          },
        },
        {
          id: 'whole-svg',
          label: 'Whole graph (SVG)',
          hint: 'Every box of the current lens at full size, without toolbar or minimap, fonts embedded',
          run: async () => {
            const { embeddedFontCss, graphSvg } = await import('./graph-svg');
            const svg = graphSvg(document, { extent: 'whole', fontCss: await embeddedFontCss() });
            if (svg) downloadText(svg, `${fileStem(estate.name)}-graph-whole.svg`, 'image/svg+xml');
            else setNotice({ kind: 'info', message: 'There is no graph on screen to export. Show the graph and try again.' });
          },
        },
        ...([2, 4] as const).map((scale) => ({
          id: `whole-png-${scale}x`,
          label: `Whole graph (PNG, ${scale}×)`,
          hint: scale === 2 ? 'The whole graph as an image, sharp on a screen' : 'Four times the size, for print',
          run: async () => {
            const { embeddedFontCss, graphSvg, svgToPng } = await import('./graph-svg');
            const svg = graphSvg(document, { extent: 'whole', fontCss: await embeddedFontCss() });
            if (svg) downloadBlob(await svgToPng(svg, scale), `${fileStem(estate.name)}-graph-whole-${scale}x.png`);
            else setNotice({ kind: 'info', message: 'There is no graph on screen to export. Show the graph and try again.' });
          },
        })),
        {
          id: 'share',
          label: 'Copy share link',
          hint: 'The estate, packed into the link itself',
          run: async () => {
            const base = `${window.location.origin}${window.location.pathname}`;
            const link = await createShareLink(estate, base);
            if (!link.ok) {
              setNotice({ kind: 'error', message: link.message });
              return;
            }
            setNotice({ kind: 'link', url: link.url, copied: await copyText(link.url) });
          },
        },
      ]
    : [];

  const focusItem = (index: number) => {
    const all = menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]');
    if (!all || all.length === 0) return;
    all[(index + all.length) % all.length]?.focus();
  };

  useEffect(() => {
    if (!open) return;
    focusItem(0);
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown') focusItem(at + 1);
    else if (event.key === 'ArrowUp') focusItem(at - 1);
    else if (event.key === 'Home') focusItem(0);
    else if (event.key === 'End') focusItem(-1);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        className={TOOLBAR_BUTTON}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={!estate}
        title={
          estate ? 'Export reports, the estate, the graph or a share link' : 'Open an estate to export it'
        }
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        Export
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label="Export"
          onKeyDown={onMenuKey}
          className="absolute right-0 z-50 mt-1 w-72 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-800"
        >
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-export={item.id}
              className={ITEM}
              onClick={() => {
                close();
                setNotice(undefined);
                void Promise.resolve(item.run()).catch((error: unknown) =>
                  setNotice({
                    kind: 'error',
                    message: `The export failed: ${error instanceof Error ? error.message : String(error)}`,
                  }),
                );
              }}
            >
              <span className="font-medium">{item.label}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400">{item.hint}</span>
            </button>
          ))}
        </div>
      )}
      {(notice || shared.error) && (
        <div
          role={notice?.kind === 'link' || notice?.kind === 'info' ? 'status' : 'alert'}
          data-testid="export-notice"
          className="absolute right-0 z-40 mt-1 w-96 max-w-[90vw] rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
        >
          {shared.error && !notice && (
            <p className="text-red-700 dark:text-red-300">{shared.error} Nothing was opened.</p>
          )}
          {notice?.kind === 'error' && <p className="text-red-700 dark:text-red-300">{notice.message}</p>}
          {notice?.kind === 'info' && <p>{notice.message}</p>}
          {notice?.kind === 'link' && (
            <>
              <label htmlFor={linkId} className="block font-medium">
                {notice.copied
                  ? 'Share link copied. Anyone with it sees this estate; it is not uploaded anywhere.'
                  : 'Copy this share link (the clipboard was not available):'}
              </label>
              <input
                id={linkId}
                readOnly
                value={notice.url}
                data-testid="share-link"
                onFocus={(event) => event.currentTarget.select()}
                className="mt-2 w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
              />
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                {notice.url.length.toLocaleString('en')} characters
              </p>
            </>
          )}
          <button
            type="button"
            className="mt-2 text-xs font-medium text-slate-600 underline hover:text-slate-900 dark:text-slate-300"
            onClick={() => {
              setNotice(undefined);
              shared.dismiss();
            }}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
