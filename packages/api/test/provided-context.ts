/** What global-setup.ts provides to every test file. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** A database created for this run on DATABASE_URL's server, or '' when PostgreSQL is not tested. */
    postgresUrl: string;
  }
}

export {};
