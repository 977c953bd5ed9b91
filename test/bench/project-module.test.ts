import { ProjectModule } from '../../bench/cases/_project';

describe('ProjectModule', () => {
  test('loads once and hands out the module', () => {
    let loads = 0;
    const mod = new ProjectModule('the thing', () => ({ value: ++loads }));
    expect(mod.unavailable).toBeUndefined();
    expect(mod.module.value).toBe(1);
    expect(mod.module.value).toBe(1);
    expect(loads).toBe(1);
  });

  test('a module that fails to load makes its cases unavailable with the first line of the error', () => {
    const mod = new ProjectModule('WebApp (src/index.ts)', () => {
      throw new Error("Cannot find module './external-database'\nRequire stack: ...");
    });
    expect(mod.unavailable).toBe("cannot load WebApp (src/index.ts): Cannot find module './external-database'");
    expect(() => mod.module).toThrow("cannot load WebApp (src/index.ts): Cannot find module './external-database'");
  });
});
