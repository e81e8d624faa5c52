/**
 * The refusal of a workbook with more than one sheet that looks like an applicant list, naming
 * them for the command line and the console's sheet picker. A module of its own: whoever only
 * needs to recognise it (the command line, the routes, the thread waiting for the helper) does not
 * load the workbook reader.
 */
import { FairDrawError } from '../../core/errors.js';

/** The sheet names of a workbook, for messages and for the console's sheet picker. */
export class SheetChoiceRequired extends FairDrawError {
  constructor(
    file: string,
    readonly sheets: string[],
  ) {
    const zh = sheets.map((s) => `“${s}”`).join('、');
    const en = sheets.map((s) => `"${s}"`).join(', ');
    super(
      'import.sheet-ambiguous',
      `工作簿中有 ${sheets.length} 个工作表都像报名名单（${zh}）：请指定要导入的工作表（命令行 --sheet 工作表名，或在控制台中选择），或删除多余的工作表后重新保存`,
      `${sheets.length} sheets of the workbook look like an applicant list (${en}): name the sheet to import (--sheet NAME on the command line, or choose it in the console), or delete the extra sheets and save again`,
      { file },
    );
  }
}
