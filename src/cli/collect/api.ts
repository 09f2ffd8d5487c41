/** The REST API versions `collect` calls (each documented in the Azure REST reference for that version). */
export const API = {
  subscriptions: '2022-12-01',
  resourceGraph: '2022-10-01',
  authorization: '2022-04-01',
  machineLearning: '2024-10-01',
} as const;
