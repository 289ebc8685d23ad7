/** New Tuning Config's templates are valid configs, so a user starts from something that runs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { CONFIG_TEMPLATES } from '../../../src/extension/commands/configTemplates';

describe('config templates', () => {
  for (const template of CONFIG_TEMPLATES) {
    it(`${template.label} parses without errors`, () => {
      const { config, problems } = parseConfig(template.text, `${template.name}.tune.yaml`);
      assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
      assert.equal(config?.name, template.name === 'model' ? 'my-model' : 'my-script');
    });
  }
});
