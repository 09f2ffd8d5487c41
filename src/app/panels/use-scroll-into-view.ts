import { useEffect, useRef } from 'react';

/**
 * The ref of a list item that is brought into view whenever it becomes the selection, so that an item chosen
 * elsewhere (on the graph, in the inspector) is shown in its panel.
 */
export function useScrollIntoViewWhenSelected(selected: boolean) {
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) item.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return item;
}
