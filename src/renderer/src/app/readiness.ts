import { useId, useLayoutEffect } from 'react';

/**
 * `data-app-state` on <html>: "loading" while any mounted view waits for its data, "ready" once
 * everything on screen has rendered. Tests wait for it instead of sleeping.
 */
const loadingViews = new Map<string, boolean>();

function publish(): void {
  const loading = [...loadingViews.values()].some(Boolean);
  document.documentElement.dataset.appState = loading ? 'loading' : 'ready';
}

/** Reports whether this view is still loading. Layout effects run after the view's children (charts) drew. */
export function useReadiness(loading: boolean): void {
  const id = useId();
  useLayoutEffect(() => {
    loadingViews.set(id, loading);
    publish();
  }, [id, loading]);
  useLayoutEffect(
    () => () => {
      loadingViews.delete(id);
      publish();
    },
    [id],
  );
}

/** Before anything rendered, and when a navigation to another screen is about to happen. */
export function markLoading(): void {
  document.documentElement.dataset.appState = 'loading';
}
