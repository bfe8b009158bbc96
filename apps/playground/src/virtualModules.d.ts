/** The URL of the page's digits file, made by build/digitsPlugin.ts. */
declare module 'virtual:mnist-digits' {
  const url: string;
  export default url;
}
