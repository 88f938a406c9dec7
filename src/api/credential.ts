/** How the client proves who it is. Access keys can only travel as `?accesskey=`. */
export type Credential = { kind: 'accesskey'; value: string } | { kind: 'token'; value: string };
