// TEMPORARY STUB by the lead so the app compiles; the IDE helper replaces this file entirely.
import { Router } from 'express';
export interface IdeExample { title: string; query: string; variables?: Record<string, unknown> }
export interface IdeOptions { graphqlPath: string; examples: IdeExample[]; title?: string }
export function createIdeRouter(_options: IdeOptions): Router {
  return Router();
}
