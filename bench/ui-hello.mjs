// The baseline for the UI startup benchmark: the smallest interactive Ink app (one line of
// text and a key handler), started the same way as roleplay. See bench/ui.mjs.
import { render, Text, useInput, useApp } from 'ink';
import { createElement as h } from 'react';

function Hello() {
  const { exit } = useApp();
  useInput((input) => {
    if (input === 'q') exit();
  });
  return h(Text, null, 'hello, press q');
}
render(h(Hello));
