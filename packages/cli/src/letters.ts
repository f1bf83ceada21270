/**
 * The letters to an applicant (告知书): 补正告知书 when the request had to be completed, 延期答复告知书
 * when the reply was extended, and the 答复告知书 of its outcome, one template per group of 表三's
 * rows. Templates are Markdown with `{{字段}}` slots; a theme file `theme/letters/<名称>.md` replaces
 * the built-in one. The applicant's name is set here and nowhere else.
 */
import { formatChineseDate } from '@gongkai/core'
import type { ProjectConfig, Request, RequestClock } from '@gongkai/core'

/** One letter to write. */
export interface Letter {
  /** 补正告知书, 延期答复告知书, 答复告知书 */
  readonly kind: '补正告知书' | '延期答复告知书' | '答复告知书'
  /** The template's name (its theme file is `theme/letters/<template>.md`). */
  readonly template: string
  /** The date it is dated (YYYY-MM-DD). */
  readonly date: string
  readonly title: string
}

/** The built-in templates. Slots: 申请人, 收到日期, 申请编号, 申请内容, 告知日期, 答复期限, 延期后期限, 办理结果, 依据, 说明, 机关, 地址, 电话. */
export const LETTER_TEMPLATES: Readonly<Record<string, string>> = {
  补正告知书: `{{申请人}}：

本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（编号：{{申请编号}}），申请内容为：“{{申请内容}}”。

经审查，您的申请内容不够明确，本机关无法确定您所需要的政府信息。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对申请作出补正，写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。

答复期限自本机关收到补正后的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。

联系地址：{{地址}}；联系电话：{{电话}}。
`,
  延期答复告知书: `{{申请人}}：

本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（编号：{{申请编号}}），申请内容为：“{{申请内容}}”。

因所申请的政府信息涉及面广、需要调查核实，本机关不能在{{答复期限}}前作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长二十个工作日，本机关将于{{延期后期限}}前作出答复。

特此告知。
`,
  '答复告知书-予以公开': `{{申请人}}：

本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（编号：{{申请编号}}），申请内容为：“{{申请内容}}”。

经审查，您申请获取的政府信息属于公开范围。根据《中华人民共和国政府信息公开条例》{{依据}}的规定，现予以公开。{{说明}}

如对本答复不服，可以在收到本答复之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。
`,
  '答复告知书-部分公开': `{{申请人}}：

本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（编号：{{申请编号}}），申请内容为：“{{申请内容}}”。

经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》{{依据}}的规定，本机关向您提供可以公开的部分。{{说明}}

如对本答复不服，可以在收到本答复之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。
`,
  '答复告知书-不予公开': `{{申请人}}：

本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（编号：{{申请编号}}），申请内容为：“{{申请内容}}”。

经审查，您申请获取的政府信息{{办理结果}}。根据《中华人民共和国政府信息公开条例》{{依据}}的规定，本机关不予公开。{{说明}}

如对本答复不服，可以在收到本答复之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。
`,
  '答复告知书-无法提供': `{{申请人}}：

本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（编号：{{申请编号}}），申请内容为：“{{申请内容}}”。

经查，{{办理结果}}。根据《中华人民共和国政府信息公开条例》{{依据}}的规定，本机关无法向您提供。{{说明}}

如对本答复不服，可以在收到本答复之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。
`,
  '答复告知书-不予处理': `{{申请人}}：

本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（编号：{{申请编号}}），申请内容为：“{{申请内容}}”。

经审查，您的申请属于{{办理结果}}。根据《中华人民共和国政府信息公开条例》{{依据}}的规定，本机关不作为政府信息公开申请处理。{{说明}}

如对本答复不服，可以在收到本答复之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。
`,
  '答复告知书-其他处理': `{{申请人}}：

本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（编号：{{申请编号}}），申请内容为：“{{申请内容}}”。

{{办理结果}}，根据《中华人民共和国政府信息公开条例》{{依据}}的规定，本机关不再处理该政府信息公开申请。{{说明}}

如对本答复不服，可以在收到本答复之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。
`,
}

const DEFAULT_BASIS: Readonly<Record<string, string>> = {
  予以公开: '第三十六条第（二）项',
  部分公开: '第三十七条',
  不予公开: '第三十六条第（三）项',
  无法提供: '第三十六条第（四）项',
  不予处理: '第三十九条',
  其他处理: '第三十条',
}

/** The letters a request calls for, in the order they went out. */
export function lettersFor(r: Request): Letter[] {
  const out: Letter[] = []
  for (const e of r.events) {
    if (e.kind === '补正') out.push({ kind: '补正告知书', template: '补正告知书', date: e.on, title: '政府信息公开申请补正告知书' })
    if (e.kind === '延期') out.push({ kind: '延期答复告知书', template: '延期答复告知书', date: e.on, title: '政府信息公开申请延期答复告知书' })
  }
  if (r.outcome !== undefined) {
    const group = r.outcome.result.split('/')[0] ?? r.outcome.result
    out.push({ kind: '答复告知书', template: `答复告知书-${group}`, date: r.outcome.on, title: '政府信息公开申请答复告知书' })
  }
  return out
}

/** The template filled in: every slot replaced, an unknown slot left visible as 〔字段〕 so it is seen before printing. */
export function fillLetter(template: string, r: Request, clock: RequestClock, config: Pick<ProjectConfig, 'body'>): string {
  const outcome = r.outcome
  const [group, sub] = (outcome?.result ?? '').split('/')
  const values: Record<string, string> = {
    申请人: r.applicant.name ?? '申请人',
    收到日期: formatChineseDate(r.received),
    申请编号: r.id,
    申请内容: r.content,
    答复期限: clock.dueBeforeExtension === undefined ? (clock.due === undefined ? '' : formatChineseDate(clock.due)) : formatChineseDate(clock.dueBeforeExtension),
    延期后期限: clock.due === undefined ? '' : formatChineseDate(clock.due),
    办理结果: sub ?? group ?? '',
    依据: outcome?.basis?.replace(/^《?中华人民共和国政府信息公开条例》?|^条例/, '') ?? DEFAULT_BASIS[group ?? ''] ?? '',
    说明: outcome?.note ?? '',
    机关: config.body.name,
    地址: config.body.address ?? '',
    电话: config.body.phone ?? '',
  }
  // Values are text, not Markdown: a name with `*` or `[` is printed as written.
  const escape = (v: string) => v.replace(/([\\`*_[\]<>#|~])/g, '\\$1')
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, key: string) => (values[key] === undefined ? `〔${key}〕` : escape(values[key])))
}
