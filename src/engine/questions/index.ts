// Questions asked of an estate in every direction: what a principal can do at a scope, who can do an
// operation on a scope (by any route, Azure ML's included), why a request was refused, and the least role
// that would allow it. Built on the analysis context and the access paths; other folders import from here.
export { explainRefusal, type ExplainedRefusal } from './explain-refusal';
export { leastRole, leastRoleEdit } from './least-role';
export { whatCan, type WhatCanAnswer } from './what-can';
export { whoCan, type AccessRoute, type WhoCanAnswer } from './who-can';
