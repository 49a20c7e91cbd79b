/**
 * The single-file build for `<script type="module" src=…>` hosts: registers every tag
 * and exports every class. Lit is inside; other languages than English load on demand
 * from files beside it.
 */
import './define.ts';

export * from './index.ts';
