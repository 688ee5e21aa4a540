// Every URL is relative to the page (document.baseURI), which is served at
// .../playground without a trailing slash. So locally (http://127.0.0.1:8080/playground)
// 'graphql' is /graphql, and behind API Gateway (https://host/dev/playground) it is /dev/graphql.
export const endpoint = (relative) => new URL(relative, document.baseURI).toString();

export const graphqlUrl = () => endpoint('graphql');
export const configUrl = () => endpoint('playground/config.json');
export const devTokenUrl = (org, role) => {
  const url = new URL('dev/token', document.baseURI);
  url.searchParams.set('org', org);
  url.searchParams.set('role', role);
  return url.toString();
};
