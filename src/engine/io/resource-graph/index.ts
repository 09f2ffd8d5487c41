/** Azure Resource Graph results read into estate fragments; the queries are in public/queries. */
export { readResourceGraph, readResourceGraphDocuments } from './reader';
