/**
 * Object counting shared by the cdk8s cases (run after the timer stops).
 */
import { ApiObject, App } from 'cdk8s';

/** The number of ApiObjects in all charts of an app. */
export function countApiObjects(app: App): number {
  let count = 0;
  for (const chart of app.charts) {
    for (const child of chart.node.findAll()) {
      if (ApiObject.isApiObject(child)) {
        count++;
      }
    }
  }
  return count;
}
