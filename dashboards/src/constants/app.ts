export const PLATFORM_NAME = '物业管理信息平台（街道办版）'
