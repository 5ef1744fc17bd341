// The icon chooser, loaded when the Edit dialog first opens rather than with the window: it and its
// brand search and picture input are only ever needed there (keeps the first load small).
import { lazy, Suspense, type ComponentProps } from 'react';

const IconChooser = lazy(() =>
  import('./IconChooser').then((module) => ({ default: module.IconChooser })),
);

export function LazyIconChooser(props: ComponentProps<typeof IconChooser>) {
  return (
    <Suspense fallback={null}>
      <IconChooser {...props} />
    </Suspense>
  );
}
