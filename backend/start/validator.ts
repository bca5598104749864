/*
| Chinese messages for every VineJS rule the API uses. Field names are translated through `fields`.
*/
import vine, { SimpleMessagesProvider } from '@vinejs/vine'

vine.messagesProvider = new SimpleMessagesProvider(
  {
    'required': '{{ field }}不能为空',
    'string': '{{ field }}必须是文本',
    'number': '{{ field }}必须是数字',
    'boolean': '{{ field }}必须是是/否',
    'date': '{{ field }}不是有效日期（格式 YYYY-MM-DD）',
    'date.afterOrSameAs': '{{ field }}不能早于{{ otherField }}',
    'date.afterField': '{{ field }}必须晚于备案日期',
    'minLength': '{{ field }}至少 {{ min }} 个字符',
    'maxLength': '{{ field }}不能超过 {{ max }} 个字符',
    'min': '{{ field }}不能小于 {{ min }}',
    'max': '{{ field }}不能大于 {{ max }}',
    'range': '{{ field }}必须在 {{ min }} 到 {{ max }} 之间',
    'withoutDecimals': '{{ field }}必须是整数',
    'positive': '{{ field }}必须是正数',
    'enum': '{{ field }}的取值无效',
    'regex': '{{ field }}格式不正确',
    'mobile': '{{ field }}不是有效的手机号码',
    'in': '{{ field }}的取值无效',
    'passwordPolicy': '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类',
  },
  {
    phone: '手机号',
    password: '密码',
    code: '验证码',
    name: '姓名',
    region_id: '区域',
    estate_id: '物业项目',
    kind: '备案类型',
    status: '状态',
    document_no: '备案编号',
    filed_on: '备案日期',
    expires_on: '到期日期',
    version: '版本号',
    remark: '备注',
    contract_status: '合同备案状态',
    assembly_status: '业主大会备案状态',
    q: '关键词',
    page: '页码',
    per_page: '每页条数',
  }
)
