/** The URL of the page's digits file, made by build/digitsPlugin.ts. */
declare module 'virtual:mnist-digits' {
  const url: string;
  export default url;
}

/** The URL of the page's English words, made by build/wordsPlugin.ts. */
declare module 'virtual:english-words' {
  const url: string;
  export default url;
}
